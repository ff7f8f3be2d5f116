#include "sdl/media.h"
#include "core/buf.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_WATCH 64

struct media {
    int fd, stop_pipe[2];
    SDL_Thread *thread;
    int nw;
    struct {
        int wd, depth; /* depth 0: a root; 1: a folder under it (a user's, or a mount) */
        char path[PATH_MAX];
    } w[MAX_WATCH];
};

static Uint32 event_type = (Uint32)-1;

Uint32 media_event_type(void) { return event_type; }

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void post(const char *mount)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = event_type;
    ev.user.data1 = xstrdup(mount);
    if (SDL_PushEvent(&ev) != 1)
        free(ev.user.data1);
}

/* A folder that may be a mount: post it when `sveiki/` shows in it within a few seconds
 * (a mount point is created before the stick's files appear in it). */
static int check(media *m, const char *dir, int wait)
{
    char s[PATH_MAX + 16];
    snprintf(s, sizeof s, "%s/sveiki", dir);
    for (int k = 0; k <= (wait ? 20 : 0); k++) {
        if (is_dir(s)) {
            post(dir);
            return 1;
        }
        if (wait) {
            struct pollfd p = {m->stop_pipe[0], POLLIN, 0};
            if (poll(&p, 1, 250) > 0)
                return 0; /* stopping */
        }
    }
    return 0;
}

static void add_watch(media *m, const char *path, int depth)
{
    if (m->nw == MAX_WATCH)
        return;
    int wd = inotify_add_watch(m->fd, path, IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
    if (wd < 0)
        return;
    m->w[m->nw].wd = wd, m->w[m->nw].depth = depth;
    snprintf(m->w[m->nw].path, sizeof m->w[m->nw].path, "%s", path);
    m->nw++;
}

/* A root's folders: mounts, or a user's folder holding mounts (/media/USER/LABEL). */
static void scan(media *m, const char *root, int depth)
{
    DIR *d = opendir(root);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", root, e->d_name);
        if (!is_dir(p) || check(m, p, 0))
            continue;
        if (depth == 0) {
            add_watch(m, p, 1);
            scan(m, p, 1);
        }
    }
    closedir(d);
}

static int run(void *arg)
{
    media *m = arg;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        struct pollfd p[2] = {{m->fd, POLLIN, 0}, {m->stop_pipe[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            return 0;
        if (p[1].revents)
            return 0;
        ssize_t n = read(m->fd, buf, sizeof buf);
        for (char *q = buf; n > 0 && q < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)q;
            q += sizeof *ev + ev->len;
            for (int k = 0; k < m->nw; k++) {
                if (m->w[k].wd != ev->wd || !ev->len)
                    continue;
                char path[PATH_MAX];
                int len = snprintf(path, sizeof path, "%s/%s", m->w[k].path, ev->name);
                if (len < 0 || (size_t)len >= sizeof path)
                    break; /* no such path can be mounted */
                if (!check(m, path, 1) && m->w[k].depth == 0)
                    add_watch(m, path, 1); /* a user's folder: mounts will appear in it */
                break;
            }
        }
    }
}

media *media_watch(const char *roots, err *e)
{
    if (event_type == (Uint32)-1)
        event_type = SDL_RegisterEvents(1);
    if (event_type == (Uint32)-1)
        return err_set(e, "media: no SDL event left: %s", SDL_GetError()), NULL;
    media *m = xcalloc(1, sizeof *m);
    m->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (m->fd < 0 || pipe(m->stop_pipe)) {
        err_set(e, "media: cannot watch for USB sticks: %s", strerror(errno));
        if (m->fd >= 0)
            close(m->fd);
        free(m);
        return NULL;
    }
    char list[PATH_MAX * 2];
    snprintf(list, sizeof list, "%s", roots && *roots ? roots : "/media:/run/media");
    for (char *save = NULL, *r = strtok_r(list, ":,", &save); r; r = strtok_r(NULL, ":,", &save)) {
        add_watch(m, r, 0);
        scan(m, r, 0);
    }
    m->thread = SDL_CreateThread(run, "media", m);
    if (!m->thread) {
        err_set(e, "media: cannot start watching: %s", SDL_GetError());
        media_stop(m);
        return NULL;
    }
    return m;
}

void media_stop(media *m)
{
    if (!m)
        return;
    if (m->thread) {
        if (write(m->stop_pipe[1], "x", 1) < 0) { /* the thread then sees end of input */
        }
        SDL_WaitThread(m->thread, NULL);
    }
    close(m->fd);
    close(m->stop_pipe[0]);
    close(m->stop_pipe[1]);
    free(m);
}
