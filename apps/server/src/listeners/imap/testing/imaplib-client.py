"""Python's imaplib against the server, driven by the IMAP e2e spec: prints one JSON object.

usage: imaplib-client.py SCENARIO PORT USER PASSWORD [TLS]
  TLS is "starttls" (default: port 143 style), "ssl" (implicit TLS, port 993 style) or "plain".
"""
import imaplib
import json
import ssl
import sys


def text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return [text(v) for v in value]
    return value


def connect(port, mode):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    if mode == "ssl":
        return imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=context, timeout=20)
    client = imaplib.IMAP4("127.0.0.1", port, timeout=20)
    if mode == "starttls":
        client.starttls(ssl_context=context)
    return client


def login(client, user, password, out):
    out["capabilities"] = sorted(client.capabilities)
    typ, data = client.login(user, password)
    out["login"] = [typ, text(data)]


def mailflow(client, out):
    """select, fetch, store, search, copy, expunge (RFC 3501 §6.3.1, §6.4)."""
    typ, data = client.select("INBOX")
    out["select"] = [typ, text(data)]
    typ, data = client.fetch("1:*", "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    out["fetch_headers"] = text([d for d in data if isinstance(d, tuple)])
    typ, data = client.fetch("1", "(RFC822)")
    out["fetch_body"] = text(data[0][1])
    typ, data = client.fetch("1", "(FLAGS)")
    out["flags_after_body"] = text(data)
    typ, data = client.store("2", "+FLAGS", "(\\Flagged)")
    out["store"] = [typ, text(data)]
    typ, data = client.search(None, "SEEN")
    out["search_seen"] = [typ, text(data)]
    typ, data = client.uid("SEARCH", "FLAGGED", "SUBJECT", "two")
    out["search_flagged"] = [typ, text(data)]
    typ, data = client.create("Archive")
    out["create"] = [typ, text(data)]
    typ, data = client.copy("1:2", "Archive")
    out["copy"] = [typ, text(data)]
    typ, data = client.store("1", "+FLAGS", "(\\Deleted)")
    typ, data = client.expunge()
    out["expunge"] = [typ, text(data)]
    typ, data = client.select("Archive", readonly=True)
    out["archive"] = [typ, text(data)]
    typ, data = client.fetch("1:*", "(FLAGS)")
    out["archive_flags"] = text(data)


def main():
    scenario, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    mode = sys.argv[5] if len(sys.argv) > 5 else "starttls"
    out = {}
    client = None
    try:
        client = connect(port, mode)
        out["welcome"] = text(client.welcome)
        login(client, user, password, out)
        if scenario == "mailflow":
            mailflow(client, out)
        typ, data = client.logout()
        out["logout"] = [typ, text(data)]
        client = None
    except imaplib.IMAP4.error as error:
        out["error"] = str(error)
    finally:
        if client is not None:
            try:
                client.shutdown()
            except OSError:
                pass
    print(json.dumps(out))


main()
