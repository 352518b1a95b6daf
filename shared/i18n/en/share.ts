/** Issue 18: sharing the shop on its own network — the phone menu, Settings → Other devices, pairing and staff sign-in. */
export const share = {
  'nav.menu': 'Menu',

  // Pairing a new device (the page another device sees first)
  'pair.title': 'Pair this device',
  'pair.intro': 'Enter the pairing code shown on the main till in Settings → Other devices, or scan its QR code.',
  'pair.code': 'Pairing code',
  'pair.name': 'Device name',
  'pair.nameHint': 'So the owner knows which device this is, e.g. “Till 2” or “Owner’s phone”.',
  'pair.submit': 'Pair',
  'pair.revoked': 'This device is no longer paired (it was revoked or unused for a long time). Pair it again.',
  'pair.fingerprintCheck':
    'Before pairing, check that the certificate fingerprint your browser shows matches the one beside the QR code on the main till.',

  // Staff sign-in on a paired device
  'signIn.title': 'Sign in',
  'signIn.device': 'This device: {{name}}',
  'signIn.who': 'Who is at this till?',
  'signIn.pin': 'PIN',
  'signIn.submit': 'Sign in',
  'signIn.noStaff': 'Nobody can sign in yet: the owner sets staff PINs in Settings → Staff on the main till.',
  'signIn.signedOut': 'You were signed out. Sign in again.',
  'session.who': '{{staff}} on {{device}}',
  'session.mainTill': 'the main till',
  'session.signOut': 'Sign out',
  'session.ownerOnly': 'Only the owner can open this screen.',

  // Errors of pairing and sign-in
  'error.field.pairing_code_invalid': 'The pairing code is 6 digits.',
  'error.field.pairing_code_wrong': 'That code is not right, has been used or has expired. Ask for a new code on the main till.',
  'error.field.pin_invalid': 'A PIN is 4 to 8 digits.',
  'error.field.pin_wrong': 'Wrong PIN.',
  'error.field.main_till_needs_owner_pin': 'First give an owner a PIN (Settings → Staff), or nobody could sign in here.',
  'error.field.device_name_required': 'Give this device a name.',
  'error.field.address_invalid': 'Not an address of this computer.',
  'error.field.address_not_here': 'This computer has no such address (any more). Pick one from the list.',
  'error.field.address_wildcard': 'Pick one address: sharing on every address at once is not allowed.',
  'error.field.port_in_use': 'That port is taken by another program.',
  'error.locked_one': 'Too many wrong tries. Try again in {{count}} minute.',
  'error.locked_other': 'Too many wrong tries. Try again in {{count}} minutes.',
  'error.role': 'Only the owner can do this.',
  'error.sign_in': 'Sign in first.',

  // Settings → Other devices
  'sharing.title': 'Other devices',
  'sharing.intro':
    'Let a second till or your phone use this shop over the shop’s own network (Wi-Fi or cable). Nothing goes to the internet; every device pairs once with a code and staff sign in with their PIN.',
  'sharing.unavailable':
    'This window cannot share the shop. Start Regulars in browser mode on this computer (regulars serve) to share it.',
  'sharing.switch': 'Share this shop with other devices',
  'sharing.mainTillPin': 'Ask for a PIN on this computer too',
  'sharing.mainTillPinHint':
    'Then whoever works at this computer signs in with their PIN, and their role applies here as on other devices.',
  'sharing.address': 'Network address',
  'sharing.addressOption': '{{address}} ({{name}})',
  'sharing.noAddresses': 'This computer is not connected to a network, so there is nothing to share on.',
  'sharing.on': 'Other devices can open the shop at',
  'sharing.reach': 'Only devices on {{cidr}} (through {{name}}) can reach it; nothing else can.',
  'sharing.reachNoCidr': 'Only devices that can reach {{address}} (through {{name}}) can open it.',
  'sharing.off': 'Sharing is off: only this computer can open the shop.',
  'sharing.qr': 'QR code to pair a device: it opens {{url}}',
  'sharing.code': 'Pairing code',
  'sharing.codeExpires': 'Valid once, until {{time}}.',
  'sharing.noCode': 'No pairing code at the moment (used, expired or too many wrong tries).',
  'sharing.newCode': 'New pairing code',
  'sharing.fingerprint': 'Certificate fingerprint (SHA-256)',
  'sharing.fingerprintHint':
    'On the new device, the browser warns that the certificate is not known: check that the fingerprint it shows is this one before you continue.',
  'sharing.devices': 'Paired devices',
  'sharing.noDevices': 'No device has been paired yet.',
  'sharing.deviceName': 'Device',
  'sharing.pairedAt': 'Paired',
  'sharing.lastSeen': 'Last seen',
  'sharing.signedIn': 'Signed in',
  'sharing.nobody': 'Nobody',
  'sharing.status': 'Status',
  'sharing.status.active': 'Active',
  'sharing.status.revoked': 'Revoked',
  'sharing.status.expired': 'Expired',
  'sharing.revoke': 'Revoke',
  'sharing.revokeDevice': 'Revoke {{name}}',
  'sharing.revoked': '{{name}} can no longer open the shop.',

  // Settings → Staff: sign-in on other devices
  'access.title': 'Sign-in on other devices',
  'access.intro':
    'Staff sign in on a paired device with their own PIN. A cashier has Counter, Today and customers; an owner has everything.',
  'access.role': 'Role of {{name}}',
  'access.role.cashier': 'Cashier',
  'access.role.owner': 'Owner',
  'access.hasPin': 'PIN set',
  'access.noPin': 'No PIN',
  'access.newPin': 'New PIN for {{name}}',
  'access.setPin': 'Set PIN',
  'access.clearPin': 'Clear PIN of {{name}}',
  'access.clearPinShort': 'Clear PIN',
  'access.saved': 'Saved for {{name}}.',
};
