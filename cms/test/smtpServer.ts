import type { AddressInfo } from 'node:net'

import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { envelopeTo: string[]; mail: ParsedMail }

export type TestSmtpServer = {
  close: () => Promise<void>
  /** While true, every message is refused with a temporary error (451), as a mail server that is down would. */
  refusing: boolean
  /** Every message the server accepted, oldest first. */
  received: ReceivedMail[]
  /** `smtp://user:pass@127.0.0.1:<port>` for `SMTP_URL`. */
  url: string
}

/**
 * A real SMTP server in the test's process (the `smtp-server` package) on a free port, requiring the
 * given credentials; what it accepts is parsed (`mailparser`) for the test to read.
 */
export const startSmtpServer = async ({ password, user }: { password: string; user: string }): Promise<TestSmtpServer> => {
  const received: ReceivedMail[] = []
  const state = { refusing: false }
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, and AUTH over plain text is allowed for it.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    // The CMS's pooled connections stay open; on close, end them instead of waiting 30 s for them.
    closeTimeout: 100,
    logger: false,
    onAuth: (auth, _session, callback) => {
      if (auth.username === user && auth.password === password) callback(null, { user: auth.username })
      else callback(new Error('Invalid username or password'))
    },
    onData: (stream, session, callback) => {
      if (state.refusing) {
        stream.resume()
        stream.once('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })))
        return
      }
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail })
          callback()
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as AddressInfo
  return Object.assign(state, {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    received,
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
  })
}
