"""Online account names given by their label: `my username is jdoe_1985`, `user ID: mlopez`,
`login: k.tanaka`, `my IG is jsmith_89`, `PayPal acct jmcallister88`, a log's
`user=kpatel82`, the account a helpdesk's request acts on (`reset MFA for a.kowalski`); and
social media handles, which need none (`@jsmith_89`). GDPR counts an online identifier as
personal data, and a chat that asks for one to find the account holds it beside the rest of
the customer's details.

After `:` or `=` any name counts (`username: jdoe`); after `is` or straight after the label it
must hold a digit, `_` or `.`, as `username is wrong` and `login failed` say what happened
(`my username is jdoe` is missed), and not be a date (`last login 2024-11-30`).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import KeywordGate, VeilPatternRecognizer

__all__ = ["UsernameRecognizer"]

# a log's `user=kpatel82`, a JSON's `"user":"kpatel88"` (with `=` or a quoted key only: `User:
# hi` opens a chat's line)
_LABEL = (r"\b(?:user[\s_-]*name|user[\s_-]*id|userid|(?:user|usr|uid)(?=\s*=|[\"']\s*:)"
          r"|login(?:[\s_-]+(?:name|id))?|screen\s+name"
          r"|(?:instagram|insta|ig|twitter|tiktok|snapchat|telegram|discord|skype"
          r"|paypal|venmo|cash\s?app|revolut)"
          r"(?:\s+(?:handle|name|id|account|acct|user(?:\s*name)?))?|handle|gamertag)")
_LABEL_GATE = KeywordGate(
    (("user", "login", "screen", "insta", "twitter", "tiktok", "snapchat", "telegram", "discord",
      "skype", "handle", "gamertag", "paypal", "venmo", "revolut"), "{words}"),
    (("cash",), r"cash\s?app"),
    (("usr", "uid"), r"\b(?:usr|uid)\s*="),
    (("ig",), r"\big\b"))
_NAME = r"@?[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]"
#: A digit, or `_` or `.` inside the name (not the sentence's point after it).
_NOT_A_WORD = r"(?=@?[a-z0-9._-]*?(?:\d|[_.][a-z0-9]))"
#: A date or a time is no name: `last login 2024-11-30`, `login 11/30 at 09:14`.
_NOT_A_DATE = r"(?!\d{4}-\d\d-\d\d|\d\d?[/.:]\d\d?\b)"


class UsernameRecognizer(VeilPatternRecognizer):
    ENTITY = "USERNAME"
    PATTERNS = [
        # a JSON's or a log's quotes around them too (`"user_id": "u_88412093"`)
        Pattern("username (after : or =)", rf"{_LABEL}[\"']?\s*[:=]\s*[\"']?(?P<value>{_NAME})\b",
                0.85),
        Pattern("username (said)", rf"{_LABEL}(?:\s+(?:is|was))?\s+(?P<value>{_NOT_A_DATE}"
                rf"{_NOT_A_WORD}{_NAME})\b", 0.85),
        # `user satoshi_fan_88`: after `user` alone, a handle that no word is (a letter first,
        # and a digit or an underscore in it)
        Pattern("username (after user)", r"\buser\s+(?P<value>(?=[a-z0-9._-]*[\d_])[a-z]"
                r"[a-z0-9._-]{2,30}[a-z0-9])\b", 0.85),
        # a helpdesk's request names the account it acts on (`reset MFA for a.kowalski`,
        # `unlocked account for jsmith2`)
        Pattern("username (helpdesk request)",
                r"\b(?:reset(?:s|ting)?|unlock(?:s|ed|ing)?|disabl(?:e|es|ed|ing)"
                r"|enabl(?:e|es|ed|ing))\s+(?:the\s+)?(?:password|pwd|mfa|2fa|account|login|access)"
                r"\s+(?:for|of)\s+"
                rf"(?P<value>{_NOT_A_DATE}{_NOT_A_WORD}{_NAME})\b", 0.85),
        # `@` opening a word, not inside an address (`ann@example.com` is an email's)
        Pattern("social media handle", r"(?<![\w.@+-])@[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*"
                r"(?<=[a-z0-9_]{2})(?![\w@-]|\.[a-z0-9])", 0.7),
    ]
    GATES = {"username (after : or =)": _LABEL_GATE, "username (said)": _LABEL_GATE,
             "username (helpdesk request)": KeywordGate(
                 (("password", "pwd", "mfa", "2fa", "account", "login", "access"),
                  r"(?:{words})\s+(?:for|of)\s")),
             "social media handle": "@", "username (after user)": r"user\s+[a-z]"}
