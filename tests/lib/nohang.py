"""Runs a command that is given a FIFO where a file is expected, and fails it if it ever waits
to open the FIFO (a thread of it in the kernel's wait_for_partner: an open for reading with no
writer, which would wait forever). Looks until the command ends, however long that takes:
no time limit. Then opens the FIFO once for writing to let a waiting command go on.
Usage: nohang.py FIFO COMMAND ARGS... Passes on the command's output and exit code."""
import os, subprocess, sys, time

fifo, cmd = sys.argv[1], sys.argv[2:]
p = subprocess.Popen(cmd)
waited = False
while p.poll() is None:
    try:
        for t in os.listdir("/proc/%d/task" % p.pid):
            with open("/proc/%d/task/%s/wchan" % (p.pid, t)) as f:
                if f.read().strip() == "wait_for_partner":
                    waited = True
    except OSError:
        pass  # it ended while we looked
    if waited:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # it has a reader: this opens
        break
    time.sleep(0.01)  # how often it looks: no effect on the outcome, only on CPU
rc = p.wait()
if waited:
    print("nohang.py: %s waited to open the FIFO %s" % (cmd[0], fifo))
    sys.exit(99)
sys.exit(rc)
