#!/usr/bin/env python3
"""Tiny S3 client for the local Ceph gateway: AWS Signature V4 with the standard library only.

Used by services.sh to create the bucket, and by hand to poke at the store:

    eval "$(infra/local/services.sh env)"
    infra/local/s3.py mb tenders
    infra/local/s3.py put tenders notes/hello.txt ./hello.txt   # or '-' for stdin
    infra/local/s3.py get tenders notes/hello.txt > copy.txt
    infra/local/s3.py ls tenders
    infra/local/s3.py rm tenders notes/hello.txt

Reads S3__Endpoint (host:port), S3__AccessKey, S3__SecretKey, S3__Region, S3__UseSsl from the environment,
the same names the application binds. Path-style addressing, whole bodies in memory: small objects only.
"""

import datetime
import hashlib
import hmac
import http.client
import os
import sys
import urllib.parse


def _sign(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def request(method: str, path: str, query: dict[str, str] | None = None, body: bytes = b"") -> tuple[int, bytes]:
    missing = [name for name in ("S3__Endpoint", "S3__AccessKey", "S3__SecretKey") if not os.environ.get(name)]
    if missing:
        sys.exit(f"s3.py: {', '.join(missing)} not set: run  eval \"$(infra/local/services.sh env)\"  first")
    endpoint = os.environ["S3__Endpoint"]
    access_key = os.environ["S3__AccessKey"]
    secret_key = os.environ["S3__SecretKey"]
    region = os.environ.get("S3__Region", "us-east-1")
    use_ssl = os.environ.get("S3__UseSsl", "false").lower() == "true"

    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    date = now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()

    canonical_uri = urllib.parse.quote(path, safe="/-_.~")
    canonical_query = "&".join(
        f"{urllib.parse.quote(k, safe='-_.~')}={urllib.parse.quote(v, safe='-_.~')}"
        for k, v in sorted((query or {}).items())
    )
    headers = {"host": endpoint, "x-amz-content-sha256": payload_hash, "x-amz-date": amz_date}
    signed_headers = ";".join(sorted(headers))
    canonical_headers = "".join(f"{k}:{headers[k]}\n" for k in sorted(headers))
    canonical_request = "\n".join(
        [method, canonical_uri, canonical_query, canonical_headers, signed_headers, payload_hash]
    )
    scope = f"{date}/{region}/s3/aws4_request"
    string_to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = _sign(_sign(_sign(_sign(f"AWS4{secret_key}".encode(), date), region), "s3"), "aws4_request")
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )

    connection_type = http.client.HTTPSConnection if use_ssl else http.client.HTTPConnection
    connection = connection_type(endpoint, timeout=30)
    try:
        url = canonical_uri + (f"?{canonical_query}" if canonical_query else "")
        connection.request(method, url, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _check(status: int, body: bytes, what: str, ok: tuple[int, ...] = (200,)) -> None:
    if status not in ok:
        sys.stderr.write(f"s3.py: {what} failed: HTTP {status}\n{body.decode(errors='replace')}\n")
        sys.exit(1)


def main(argv: list[str]) -> None:
    usage = "usage: s3.py mb BUCKET | put BUCKET KEY FILE|- | get BUCKET KEY | ls BUCKET | rm BUCKET KEY"
    if len(argv) < 2:
        sys.exit(usage)
    command, bucket, rest = argv[0], argv[1], argv[2:]
    if command == "mb" and not rest:
        # 200 when created and when we already own it; 409 BucketAlreadyOwnedByYou on other servers.
        status, body = request("PUT", f"/{bucket}")
        if status == 409 and b"BucketAlreadyOwnedByYou" in body:
            return
        _check(status, body, f"create bucket {bucket}")
    elif command == "put" and len(rest) == 2:
        source = rest[1]
        data = sys.stdin.buffer.read() if source == "-" else open(source, "rb").read()
        _check(*request("PUT", f"/{bucket}/{rest[0]}", body=data), f"put {bucket}/{rest[0]}")
    elif command == "get" and len(rest) == 1:
        status, body = request("GET", f"/{bucket}/{rest[0]}")
        _check(status, body, f"get {bucket}/{rest[0]}")
        sys.stdout.buffer.write(body)
    elif command == "ls" and not rest:
        status, body = request("GET", f"/{bucket}", query={"list-type": "2"})
        _check(status, body, f"list {bucket}")
        sys.stdout.write(body.decode() + "\n")
    elif command == "rm" and len(rest) == 1:
        _check(*request("DELETE", f"/{bucket}/{rest[0]}"), f"delete {bucket}/{rest[0]}", ok=(200, 204))
    else:
        sys.exit(usage)


if __name__ == "__main__":
    main(sys.argv[1:])
