// Parses one RFC 5322 message with mailparser (the parser maildev itself uses) and prints the parts
// the tests check as JSON. Usage: node parse-eml.cjs <tests/peers/node_modules> <file.eml>
const path = require('node:path');
const fs = require('node:fs');
const { createRequire } = require('node:module');

// Resolved from maildev's own SMTP package so it works however npm laid out node_modules.
const fromMaildev = createRequire(path.join(process.argv[2], '@maildev', 'smtp', 'package.json'));
const { simpleParser } = fromMaildev('mailparser');

// A message with two To headers gives an array: flattened, so a smuggled second header is counted too.
const address = (a) => (a ? [].concat(a).flatMap((h) => h.value.map((v) => ({ address: v.address, name: v.name }))) : []);

simpleParser(fs.readFileSync(process.argv[3])).then((mail) => {
  process.stdout.write(JSON.stringify({
    subject: mail.subject,
    messageId: mail.messageId,
    date: mail.date ? mail.date.toISOString() : null,
    from: address(mail.from),
    to: address(mail.to),
    replyTo: address(mail.replyTo),
    cc: address(mail.cc),
    bcc: address(mail.bcc),
    contentType: mail.headers.get('content-type') ? mail.headers.get('content-type').value : null,
    text: mail.text,
    html: mail.html || null,
  }));
});
