/** The part of mailauth (no type declarations of its own) the mail tests use to verify DKIM. */
declare module 'mailauth/lib/dkim/verify.js' {
  export function dkimVerify(
    message: Buffer | string,
    options: { resolver: (name: string, type: string) => Promise<string[][]> },
  ): Promise<{ results: { signingDomain: string; selector: string; status: { result: string } }[] }>;
}
