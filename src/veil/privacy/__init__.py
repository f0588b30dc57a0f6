"""Privacy primitives: keyed tokens (HMAC) and, in their own modules, k-anonymity and friends."""
