"""axe-core's rules at levels A and AA (WCAG 2.0, 2.1, 2.2) on the report's page, in headless
Chromium: a copy of index.html gets axe.min.js inline (the page itself runs no script and its
policy forbids one), Chromium runs it and prints the DOM, and the violations come back in the
copy's title. Fails on any violation, naming the rule, its nodes and how to fix it.
Usage: report_axe.py OUT-DIR AXE.min.js PROFILE-DIR"""
import json, os, re, subprocess, sys
out, axe, profile = sys.argv[1:4]
page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page, count=1)
script = open(axe, encoding="utf-8").read().replace("</script", "<\\/script")
run = ("<script>" + script + "</script><script>axe.run(document,{runOnly:{type:'tag',values:"
       "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']},resultTypes:['violations']})"
       ".then(function(r){document.title='AXE '+JSON.stringify(r.violations.map(function(v){return {id:v.id,"
       "impact:v.impact,help:v.help,nodes:v.nodes.slice(0,4).map(function(n){return n.target.join(' ')+': '+"
       "n.failureSummary})}}))}).catch(function(e){document.title='AXE-ERROR '+e})</script>")
page = page.replace("</body>", run + "</body>", 1)
copy = os.path.join(out, ".axe.html")
open(copy, "w", encoding="utf-8").write(page)
try:
    p = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, "--virtual-time-budget=60000", "--dump-dom",
                        "file://" + os.path.abspath(copy)], capture_output=True, text=True, timeout=300)
finally:
    os.remove(copy)
m = re.search(r"<title>AXE(-ERROR)? (.*?)</title>", p.stdout, re.S)
assert m, "axe-core did not run: " + p.stdout[:300] + p.stderr[-500:]
assert not m.group(1), "axe-core failed: " + m.group(2)
import html
violations = json.loads(html.unescape(m.group(2)))
assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
print("axe-core: no violation of the A and AA rules")
