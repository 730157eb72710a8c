#!/usr/bin/env python3
"""Bytes the console sends to the terminal per typed character (issue 12).

Runs `fayuan` on a new store in a pseudo-terminal at 80x24 (TERM=xterm-256color, LANG=C.UTF-8),
waits for the first-run screen, types into its name field one character at a time and counts the
bytes written back for each. ncurses should send only the change: the character, a little cursor
movement, nothing of the rest of the screen.

Usage: scripts/pty-bytes.py [path/to/fayuan]   (default .build/release/fayuan, else .build/debug/fayuan)
"""
import os, pty, select, statistics, struct, sys, tempfile, time, fcntl, termios, json

def binary():
    if len(sys.argv) > 1:
        return sys.argv[1]
    for p in (".build/release/fayuan", ".build/debug/fayuan"):
        if os.access(p, os.X_OK):
            return p
    sys.exit("找不到 fayuan：请先 swift build")

def read_until(fd, needle, timeout=20.0):
    buf = b""
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            buf += os.read(fd, 65536)
            if needle.encode() in buf:
                return buf
    sys.exit("等待超时：%s" % needle)

def drain(fd, quiet=0.05, limit=2.0):
    """Reads until the terminal has been quiet for `quiet` seconds."""
    buf = b""
    end = time.time() + limit
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            break
        buf += os.read(fd, 65536)
    return buf

def main():
    bin_path = binary()
    store = os.path.join(tempfile.mkdtemp(prefix="fayuan-pty-"), "bytes.db")
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        os.execve(bin_path, [bin_path, "--db", store], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    first = read_until(fd, "首次使用")
    first += drain(fd)
    results = {}
    for label, text in (("中文", "张三丰李四王五赵六钱七孙八周九吴十"), ("ASCII", "zhangsanfeng")):
        counts = []
        for ch in text:
            os.write(fd, ch.encode())
            counts.append(len(drain(fd)))
        results[label] = counts
        for _ in text:   # clear the field again with Backspace
            os.write(fd, b"\x7f")
            drain(fd)
    os.write(fd, b"\x11")  # Ctrl-Q quits
    try:
        drain(fd)
    except OSError:
        pass  # the console has exited and closed the terminal
    try:
        os.kill(pid, 15)
    except ProcessLookupError:
        pass
    report = {
        "first_screen_bytes": len(first),
        "per_character": {k: {"median": statistics.median(v), "max": max(v), "mean": round(statistics.mean(v), 1),
                              "samples": len(v)} for k, v in results.items()},
    }
    print("首屏字节数：%d" % len(first), file=sys.stderr)
    for k, v in results.items():
        print("每输入一个%s字符发送：中位数 %s 字节，最多 %d 字节（%d 次）" % (k, statistics.median(v), max(v), len(v)), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False, indent=2))

main()
