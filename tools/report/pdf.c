/* report pdf: index.html printed to report.pdf by a headless Chromium (or Chrome), when one is
 * installed: the page's print stylesheet (A4, a section a page) and its embedded fonts make
 * the same PDF on any machine. Chromium is a program of its own, run and waited for; it
 * writes beside the page under a temporary name, moved into place once it is a PDF. */
#include "report/report.h"

#include "core/buf.h"
#include "fs.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *const browsers[] = {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"};

/* The first browser on PATH, into out. */
static int find_browser(char *out, size_t cap)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (size_t b = 0; b < sizeof browsers / sizeof *browsers; b++)
        for (const char *p = path; *p;) {
            size_t n = strcspn(p, ":");
            if (n && !str_printf(out, cap, "%.*s/%s", (int)n, p, browsers[b]) && fs_exists(out))
                return 0;
            p += n + (p[n] == ':');
        }
    return -1;
}

int report_pdf(const char *dir, err *e)
{
    char browser[4200], html[4400], tmp[4400], pdf[4400], arg_pdf[4500], cwd[4096];
    if (find_browser(browser, sizeof browser))
        return err_set(e, "report: --pdf needs Chromium, which is not installed: `sudo apt-get install chromium` "
                          "(Debian) installs it; or open %s/index.html in a browser and print it", dir);
    if (dir[0] != '/' && !getcwd(cwd, sizeof cwd))
        return err_set(e, "report: --pdf: the current folder: %s", strerror(errno));
    if (str_printf(html, sizeof html, "file://%s%s%s/index.html", dir[0] == '/' ? "" : cwd, dir[0] == '/' ? "" : "/", dir) ||
        str_printf(tmp, sizeof tmp, "%s/.report.pdf.part", dir) || str_printf(pdf, sizeof pdf, "%s/report.pdf", dir) ||
        str_printf(arg_pdf, sizeof arg_pdf, "--print-to-pdf=%s", tmp))
        return err_set(e, "report: --pdf: the folder's path is too long: %s", dir);
    /* as root Chromium runs only without its sandbox; the page has no script and loads nothing */
    char *argv[16];
    int n = 0;
    argv[n++] = browser;
    argv[n++] = "--headless";
    if (!geteuid())
        argv[n++] = "--no-sandbox";
    argv[n++] = "--disable-gpu";
    argv[n++] = "--no-first-run";
    argv[n++] = "--disable-background-networking";
    argv[n++] = "--disable-component-update";
    argv[n++] = "--disable-sync";
    argv[n++] = "--no-pdf-header-footer";
    argv[n++] = arg_pdf;
    argv[n++] = html;
    argv[n] = NULL;
    fs_remove(tmp, e);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    /* its chatter (dbus and GPU messages by the dozen) would bury the report's own lines */
    int null = fs_devnull();
    if (null >= 0) {
        posix_spawn_file_actions_adddup2(&fa, null, 1);
        posix_spawn_file_actions_adddup2(&fa, null, 2);
    }
    pid_t pid;
    int rc = posix_spawn(&pid, browser, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (null >= 0)
        close(null);
    if (rc)
        return err_set(e, "report: --pdf: could not start %s: %s", browser, strerror(rc));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    size_t len = 0;
    unsigned char *head = fs_exists(tmp) ? fs_read_all(tmp, 1u << 30, &len, e) : NULL;
    int ok = head && len > 5 && !memcmp(head, "%PDF-", 5);
    free(head);
    if (!ok) {
        fs_remove(tmp, e);
        return err_set(e, "report: --pdf: %s did not print %s/index.html (exit %d)", browser, dir,
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    return fs_rename(tmp, pdf, e);
}
