# static: pinned fonts, the seams (no SDL in app/, every write through app/fs.c), msgfmt
# needs: 

static_checks() {
    # the bundled fonts are the ones the screenshot references were made with
    check "bundled fonts match assets/fonts/SHA256SUMS" sh -c 'cd assets/fonts && sha256sum --quiet -c SHA256SUMS'
    # the seam: no SDL under app/
    if grep -rnE '#\s*include\s*[<"]SDL|\bSDL_[A-Za-z]+\(' app/; then bad "app/ is SDL-free"; else ok "app/ is SDL-free"; fi
    # the file layer: no file is written anywhere but through app/fs.c
    if grep -rnE 'fopen\([^;]*"[wa]|\b(rename|fsync|unlink|creat|mkdir)\(|O_CREAT|O_WRONLY|O_RDWR|IMG_SavePNG\(' app tools platform | grep -vE '^app/fs(_crash)?\.[ch]:'; then
        bad "every file write goes through app/fs.c"; else ok "every file write goes through app/fs.c"; fi
    # and every open, read, stat and listing of the kiosk and the operator tool (a font read by
    # HarfBuzz itself would bypass it too)
    if grep -rnE '\b(fopen|fdopen|open|opendir|readdir|realpath|readlink|stat|lstat|access|hb_blob_create_from_file)\(' app tools | grep -vE '^app/fs(_crash)?\.[ch]:'; then
        bad "app/ and tools/ open, read, stat and list files only through app/fs"; else ok "app/ and tools/ open, read, stat and list files only through app/fs"; fi
    # UI strings: every .po file passes msgfmt --check
    local po
    for po in lang/*.po; do check "msgfmt --check $po" msgfmt --check -o /dev/null "$po"; done
}
job static static_checks
