"""The central database made by sveikictl merge has the tables and columns app/sync/central.h
promises the report, and the four answers of one survey, each with its kind, from a sealed
format 2 batch (seq 0). Usage: central_schema.py CENTRAL.DB"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
want = {
 "answers": "uuid device seq submission survey question value lang pack pack_version period batch kind",
 "devices": "id public_key first_batch last_period last_merged",
 "batches": "name device first_seq last_seq count sha256 format number sealed",
 "conflicts": "uuid batch reason",
 "enrolled": "public_key device name enrolled",
 "settings": "key value",
 "deletions": "at submission reason answers"}
for t, cols in want.items():
    have = [r[1] for r in c.execute("PRAGMA table_info(%s)" % t)]
    assert have[:len(cols.split())] == cols.split(), (t, have)
assert c.execute("SELECT count(*) FROM answers WHERE survey='needs' AND length(submission)=36 "
                 "AND seq = 0 AND kind IN ('faces', 'text', 'background')").fetchone()[0] == 4
assert c.execute("SELECT format, number, sealed FROM batches").fetchall() == [(2, 1, 1)]
assert c.execute("PRAGMA user_version").fetchone()[0] == 4
# merged with --enrol-new: the kiosk enrolled under a name made from its id
assert c.execute("SELECT count(*) FROM enrolled e JOIN devices d ON e.device = d.id AND "
                 "e.public_key = d.public_key AND e.name = 'Kiosk ' || upper(substr(d.id, 1, 8))"
                 ).fetchone()[0] == 1
