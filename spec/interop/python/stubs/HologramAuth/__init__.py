"""Stand-in for Hologram's closed `python-sdk-auth` package (imported as `HologramAuth`).

The interop tests authenticate with `csrpsk` (a device key in the frame), which needs none of it:
the Python SDK only imports these modules at load time. Using either class fails loudly.
"""
