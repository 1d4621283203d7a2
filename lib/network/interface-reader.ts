/**
 * What the kernel says about one network interface, as read from `/sys/class/net/<if>/`.
 * `carrier` is undefined when the kernel will not say (it refuses to read `carrier` while the
 * interface is administratively down).
 */
export interface InterfaceSnapshot {
  readonly operstate: string;
  readonly carrier: boolean | undefined;
}

/**
 * Reads interface state. Injected into `InterfaceNetwork` so its logic runs against a fake in
 * marble tests; `sysfsInterfaceReader()` is the real one.
 *
 * Rules: `read()` returns undefined for an interface that does not exist (it may be unplugged)
 * and throws only for unexpected failures; `list()` names every interface that exists now.
 */
export interface InterfaceReader {
  read(interfaceName: string): InterfaceSnapshot | undefined;
  list(): readonly string[];
}
