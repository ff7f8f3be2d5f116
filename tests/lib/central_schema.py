"""The central database made by sveikictl merge has the tables and columns app/sync/central.h
promises the report, and the four answers of one survey. Usage: central_schema.py CENTRAL.DB"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
want = {
 "answers": "uuid device seq submission survey question value lang pack pack_version period batch",
 "devices": "id public_key first_batch last_period last_merged",
 "batches": "name device first_seq last_seq count sha256",
 "conflicts": "uuid batch reason"}
for t, cols in want.items():
    have = [r[1] for r in c.execute("PRAGMA table_info(%s)" % t)]
    assert have[:len(cols.split())] == cols.split(), (t, have)
assert c.execute("SELECT count(*) FROM answers WHERE survey='needs' AND length(submission)=36").fetchone()[0] == 4
