"""Drives Hologram's Python SDK against a simulated modem and the cloud emulator.

Usage: hologram_driver.py <modem class> <device> <step>...; each step prints one JSON line
{"step": ..., "ok": ..., "value"|"error": ...}. The steps use the SDK's public classes only:
its modem class on the device, and HologramCloud with csrpsk authentication.
"""
import json
import sys
import traceback


def run_step(modem, name, args):
    if name == 'identity':
        value = {'imei': modem.imei, 'imsi': modem.imsi, 'modem_id': modem.modem_id,
                 'operator': modem.operator, 'signal': modem.signal_strength}
        try:
            value['iccid'] = modem.iccid
        except Exception as error:  # the SDK asks every modem for AT+CCID
            value['iccid_error'] = repr(error)
        return value
    if name == 'version':
        return modem.version
    if name == 'modem_mode':
        return modem.modem_mode
    if name == 'registered':
        return modem.is_registered()
    if name == 'location':
        # Nova_U201.location asks CellLocate only when the data context is already up.
        modem._set_up_pdp_context()
        location = modem.location
        if location is None:
            return None
        return {key: getattr(location, key) for key in ('date', 'time', 'latitude', 'longitude', 'altitude', 'uncertainty')}
    if name == 'sms':
        return modem.send_sms_message(args['to'], args['text'])
    if name == 'cloud_message':
        from Hologram.HologramCloud import HologramCloud
        cloud = HologramCloud({'devicekey': args['key']}, network='cellular', authentication_type='csrpsk', modem=modem)
        return cloud.sendMessage(args['message'], topics=args.get('topics'))
    if name == 'cloud_sms':
        from Hologram.HologramCloud import HologramCloud
        cloud = HologramCloud({'devicekey': args['key']}, network='', authentication_type='csrpsk')
        cloud.send_host = args['host']
        cloud.send_port = args['port']
        return cloud.sendSMS(args['to'], args['text'])
    raise ValueError('unknown step ' + name)


def main():
    class_name, device = sys.argv[1], sys.argv[2]
    steps = [json.loads(step) for step in sys.argv[3:]]
    modem = None
    needs_modem = any(step['step'] != 'cloud_sms' for step in steps)
    if needs_modem:
        module = __import__('Hologram.Network.Modem.' + class_name, fromlist=[class_name])
        modem = getattr(module, class_name)(device_name=device)
    for step in steps:
        try:
            value = run_step(modem, step['step'], step.get('args', {}))
            print(json.dumps({'step': step['step'], 'ok': True, 'value': value}), flush=True)
        except Exception as error:
            print(json.dumps({'step': step['step'], 'ok': False, 'error': repr(error),
                              'trace': traceback.format_exc()}), flush=True)
    if modem is not None:
        modem.closeSerialPort()


if __name__ == '__main__':
    main()
