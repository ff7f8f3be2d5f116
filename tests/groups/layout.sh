# layout: every demo page with the real fonts
# needs: build/layout_check build/demo.pack

# every demo page with the real fonts: no line leaves its box
job layout check "demo: real-font layout in its box; unchanged screens redrawn from cache" "$B/layout_check" "$DEMO" assets/fonts
