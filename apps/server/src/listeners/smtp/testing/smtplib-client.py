"""Python's smtplib against Estafette's SMTP listeners, for the end-to-end tests.

Usage: smtplib-client.py <scenario> <port> [json options]
Prints one JSON object: the replies the server gave at each step.
"""
import json
import smtplib
import ssl
import sys


def reply(code_and_message):
    code, message = code_and_message
    return {"code": code, "message": message.decode() if isinstance(message, bytes) else message}


def context():
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    return tls


def transaction(smtp, sender, recipients, body):
    steps = {"mail": reply(smtp.mail(sender))}
    steps["rcpt"] = [reply(smtp.rcpt(r)) for r in recipients]
    if any(r["code"] == 250 for r in steps["rcpt"]):
        steps["data"] = reply(smtp.data(body.encode()))
    return steps


def main():
    scenario, port = sys.argv[1], int(sys.argv[2])
    options = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    body = options.get("body", "Subject: from smtplib\r\n\r\nHello from Python.\r\n")
    out = {}
    if scenario == "smtps":
        smtp = smtplib.SMTP_SSL("127.0.0.1", port, timeout=30, context=context())
    else:
        smtp = smtplib.SMTP("127.0.0.1", port, timeout=30)
    out["ehlo"] = reply(smtp.ehlo("python.example"))
    out["features"] = sorted(smtp.esmtp_features.keys())
    if options.get("starttls"):
        out["starttls"] = reply(smtp.starttls(context=context()))
        out["ehlo_tls"] = reply(smtp.ehlo("python.example"))
        out["features_tls"] = sorted(smtp.esmtp_features.keys())
    if "user" in options:
        smtp.user, smtp.password = options["user"], options["password"]
        mechanism = options.get("mechanism", "PLAIN")
        method = smtp.auth_plain if mechanism == "PLAIN" else smtp.auth_login
        try:
            out["auth"] = reply(smtp.auth(mechanism, method, initial_response_ok=mechanism == "PLAIN"))
        except smtplib.SMTPAuthenticationError as error:
            out["auth"] = {"code": error.smtp_code, "message": error.smtp_error.decode()}
    out["transaction"] = transaction(smtp, options.get("from", ""), options.get("to", []), body)
    out["quit"] = reply(smtp.quit())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
