"""Python's poplib against Estafette's POP3 listeners, for the end-to-end tests.

Usage: poplib-client.py <scenario> <port> <user> <password>
Scenarios: plain (USER/PASS in clear), stls (STLS then USER/PASS), ssl (POP3_SSL, port 995 style),
and with "-dele" (plain-dele, ssl-dele) every message is deleted before QUIT; with "-rset" (ssl-rset)
every message is marked deleted, then RSET, then QUIT. Prints one JSON object: what the server answered at each step.
"""
import json
import poplib
import ssl
import sys


def text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def context():
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    return tls


def main():
    scenario, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    out = {}
    if scenario.startswith("ssl"):
        pop = poplib.POP3_SSL("127.0.0.1", port, context=context(), timeout=10)
    else:
        pop = poplib.POP3("127.0.0.1", port, timeout=10)
    out["welcome"] = text(pop.getwelcome())
    out["capa"] = {k: v for k, v in pop.capa().items()}
    if scenario.startswith("stls"):
        out["stls"] = text(pop.stls(context=context()))
        out["capa_after_tls"] = {k: v for k, v in pop.capa().items()}
    try:
        out["user"] = text(pop.user(user))
        out["pass"] = text(pop.pass_(password))
    except poplib.error_proto as error:
        out["error"] = text(error.args[0])
        pop.quit()
        print(json.dumps(out))
        return
    count, octets = pop.stat()
    out["stat"] = [count, octets]
    out["list"] = [text(line) for line in pop.list()[1]]
    out["uidl"] = [text(line) for line in pop.uidl()[1]]
    out["messages"] = []
    for n in range(1, count + 1):
        top = pop.top(n, 0)[1]
        body = pop.retr(n)[1]
        out["messages"].append({"top": [text(line) for line in top], "retr": "\r\n".join(text(line) for line in body)})
    if scenario.endswith("-dele") or scenario.endswith("rset"):
        out["dele"] = [text(pop.dele(n)) for n in range(1, count + 1)]
        out["stat_after_dele"] = list(pop.stat())
    if scenario.endswith("rset"):
        out["rset"] = text(pop.rset())
        out["stat_after_rset"] = list(pop.stat())
    out["quit"] = text(pop.quit())
    print(json.dumps(out))


main()
