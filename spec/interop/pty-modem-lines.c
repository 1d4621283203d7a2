/*
 * LD_PRELOAD shim for interop tests: a pty has no modem control lines, so the kernel refuses the
 * TIOCM* ioctls (DTR, RTS, CD...) on it, and clients that insist on them (gsmlib sets DTR on open)
 * give up before their first AT command. On a descriptor where the kernel refuses them, this shim
 * keeps the lines in memory instead, with CTS, DSR and CD asserted as a cabled modem would. Every
 * other ioctl, and these on real serial ports, go to the C library untouched. Test use only.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>

static int lines = TIOCM_DTR | TIOCM_RTS | TIOCM_CTS | TIOCM_DSR | TIOCM_CD;

int ioctl(int fd, unsigned long request, ...) {
  static int (*real)(int, unsigned long, ...);
  va_list ap;
  va_start(ap, request);
  void *arg = va_arg(ap, void *);
  va_end(ap);
  if (!real) real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
  int result = real(fd, request, arg);
  if (result == 0 || (errno != ENOTTY && errno != EINVAL)) return result;
  int *value = (int *)arg;
  switch (request) {
  case TIOCMGET: *value = lines; return 0;
  case TIOCMSET: lines = *value | TIOCM_CTS | TIOCM_DSR | TIOCM_CD; return 0;
  case TIOCMBIS: lines |= *value; return 0;
  case TIOCMBIC: lines &= ~*value | TIOCM_CTS | TIOCM_DSR | TIOCM_CD; return 0;
  default: return result;
  }
}
