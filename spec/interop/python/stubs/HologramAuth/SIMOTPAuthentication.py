"""Stand-in: the real class lives in Hologram's closed python-sdk-auth package."""


class SIMOTPAuthentication:
    def __init__(self, *args, **kwargs):
        raise RuntimeError('python-sdk-auth is closed source: only csrpsk authentication works in the interop tests')
