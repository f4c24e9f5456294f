#!/usr/bin/env python3
"""Runs a real S3-compatible server (SeaweedFS `weed server -s3`) on loopback ports for
Tape's S3 tests. It checks AWS Signature V4 against the credentials in its config, so
a wrong secret is rejected as by a real store.

usage: s3_server.py WEED WORKDIR ACCESS_KEY SECRET_KEY BUCKET FILE...
Each FILE is uploaded (through the filer, which needs no signature) as
BUCKET/universe/<basename>; a FILE that is a folder stands for every file in it (the
scale bench's universe). S3_VOLUME_MB (default 64) and S3_UPLOAD_THREADS (default 1)
size the store and the upload for more than the tests' few files. Prints `PORT <s3 port>` when the objects are listable, then
runs until its stdin closes or 10 minutes pass, and takes weed down with it.
"""
import json, os, random, signal, socket, subprocess, sys, time, urllib.parse, urllib.request


def free_pair():
    # weed puts each gRPC port at http port + 10000, so both must be free and < 65536.
    while True:
        p = random.randint(20000, 50000)
        socks = []
        try:
            for q in (p, p + 10000):
                s = socket.socket()
                s.bind(("127.0.0.1", q))
                socks.append(s)
            return p
        except OSError:
            pass
        finally:
            for s in socks:
                s.close()


def wait_http(url, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError:
            return True     # any HTTP answer means it is up
        except Exception:
            time.sleep(0.3)
    return False


def main():
    weed, work, access, secret, bucket = sys.argv[1:6]
    files = []
    for arg in sys.argv[6:]:
        if os.path.isdir(arg):
            files += [os.path.join(arg, n) for n in sorted(os.listdir(arg)) if not n.startswith(".")]
        else:
            files.append(arg)
    volume_mb = int(os.environ.get("S3_VOLUME_MB", "64"))
    os.makedirs(os.path.join(work, "data"), exist_ok=True)
    config = os.path.join(work, "s3.json")
    with open(config, "w") as f:
        json.dump({"identities": [{"name": "tape-test", "credentials": [{"accessKey": access, "secretKey": secret}],
                                   "actions": ["Admin", "Read", "List", "Write"]}]}, f)
    ports = [free_pair() for _ in range(4)]
    while len(set(ports)) < 4:
        ports = [free_pair() for _ in range(4)]
    mp, vp, fp, sp = ports
    log = open(os.path.join(work, "weed.log"), "w")
    proc = subprocess.Popen([weed, "server", "-dir=" + os.path.join(work, "data"), "-ip=127.0.0.1",
                             "-ip.bind=127.0.0.1", "-master.port=%d" % mp, "-volume.port=%d" % vp,
                             "-filer", "-filer.port=%d" % fp, "-s3", "-s3.port=%d" % sp, "-s3.config=" + config,
                             "-master.volumeSizeLimitMB=%d" % volume_mb, "-volume.max=4"],
                            stdout=log, stderr=log, start_new_session=True)

    def stop(*_):
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=3)
        except Exception:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except Exception:
                pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    ok = wait_http("http://127.0.0.1:%d/" % fp) and wait_http("http://127.0.0.1:%d/" % sp)
    def upload(path):
        with open(path, "rb") as f:
            body = f.read()
        url = "http://127.0.0.1:%d/buckets/%s/universe/%s" % (fp, bucket, urllib.parse.quote(os.path.basename(path)))
        for _ in range(50):   # the volume server may still be registering with the master
            try:
                urllib.request.urlopen(urllib.request.Request(url, data=body, method="PUT"), timeout=10)
                return True
            except Exception:
                time.sleep(0.3)
        return False
    if ok and files:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=int(os.environ.get("S3_UPLOAD_THREADS", "1"))) as pool:
            ok = all(pool.map(upload, files))
    if not ok:
        print("FAILED see " + os.path.join(work, "weed.log"), flush=True)
        stop()
    print("PORT %d" % sp, flush=True)
    import threading

    def watch():
        sys.stdin.read()
        stop()
    threading.Thread(target=watch, daemon=True).start()
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
    stop()


if __name__ == "__main__":
    main()
