# layout: every demo page with the real fonts
# needs: build/layout_check build/demo.pack

# every demo page with the real fonts: no line leaves its box; settings, home, each category
# and "Still there?" at 800x480 in every text size and language, and at the largest text
# every page, every survey step and the keyboards: no text out of its box
job layout check "demo: real-font layout in its box, every text size at 800x480 with nothing clipped (pages, surveys and keyboards at the largest); unchanged screens redrawn from cache; rounded rectangles pixel for pixel as SDL's triangle fans" "$B/layout_check" "$DEMO" assets/fonts
