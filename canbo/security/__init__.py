"""Login protection: failed-login lockout, password rules, TOTP second factor, security headers."""
