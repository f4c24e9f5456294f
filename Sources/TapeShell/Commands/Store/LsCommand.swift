import Foundation
import TapeCore
import TapeData

/// `ls s3://BUCKET/PREFIX/`: the objects and folders under an S3 prefix. The address is
/// the raw text after `ls` (the declaration takes raw text), so it needs no quotes.
enum LsCommand: Command {
    static let spec = CommandSpec(
        name: "ls", usage: "ls s3://BUCKET/PREFIX/",
        summary: "list the objects and folders under an S3 prefix",
        details: "The address may be written bare or in quotes.\nCredentials and endpoint from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, AWS_REGION (docs/DATA.md).",
        effect: .query,
        arguments: [ArgumentSpec("s3://BUCKET/PREFIX/", .text, help: "the bucket and prefix to list")],
        takesRawText: true,
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let raw)? = c.argument(0), let e = c.positionals.first else {
            throw TapeError("ls needs an s3:// address", span: c.span, hint: "e.g. ls s3://my-bucket/prices/")
        }
        var address = raw.trimmingCharacters(in: .whitespaces)
        if address.count >= 2, address.hasPrefix("\""), address.hasSuffix("\"") { address = String(address.dropFirst().dropLast()) }
        guard address.hasPrefix("s3://") else {
            throw TapeError("ls needs an s3:// address", span: e.span, hint: "e.g. ls s3://my-bucket/prices/")
        }
        let (bucket, key) = try c.dataCall(e.span) { try S3Client.parse(url: address) }
        let client = try NetworkSources.s3Client(c, span: e.span)
        defer { c.dataSources.recordFetches(c) }
        let listing = try c.dataCall(e.span) { try client.list(bucket: bucket, prefix: key, delimiter: "/") }
        var t = TextTable(["size", "modified", "name"])
        for p in listing.prefixes { t.add(["", "", "s3://\(bucket)/\(p)"]) }
        for o in listing.objects { t.add([String(o.size), String(o.lastModified.prefix(19)), "s3://\(bucket)/\(o.key)"]) }
        guard !t.rows.isEmpty else { c.print("nothing under \(address)"); return }
        c.print(table: t)
    }
}
