import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a ListObjectsV2 answer (`<ListBucketResult>`): Contents/Key, Size,
/// LastModified; CommonPrefixes/Prefix; NextContinuationToken when IsTruncated.
final class S3ListParser: NSObject, XMLParserDelegate {
    private var listing = S3Client.Listing()
    private var next: String?
    private var truncated = false
    private var path: [String] = []
    private var text = ""
    private var current = S3Client.Object(key: "", size: 0, lastModified: "")
    private var sawRoot = false

    static func parse(_ data: Data) throws -> (listing: S3Client.Listing, next: String?) {
        let p = XMLParser(data: data)
        let d = S3ListParser()
        p.delegate = d
        guard p.parse(), d.sawRoot else {
            let start = String(decoding: data.prefix(60), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw S3Error.badListing("not a ListBucketResult (starts \"\(start)\")")
        }
        return (d.listing, d.truncated ? d.next : nil)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if path.isEmpty && name == "ListBucketResult" { sawRoot = true }
        path.append(name)
        text = ""
        if name == "Contents" { current = S3Client.Object(key: "", size: 0, lastModified: "") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch (parent, name) {
        case ("Contents", "Key"): current.key = text
        case ("Contents", "Size"): current.size = Int64(text.trimmingCharacters(in: .whitespaces)) ?? 0
        case ("Contents", "LastModified"): current.lastModified = text
        case ("ListBucketResult", "Contents"): listing.objects.append(current)
        case ("CommonPrefixes", "Prefix"): listing.prefixes.append(text)
        case ("ListBucketResult", "NextContinuationToken"): next = text
        case ("ListBucketResult", "IsTruncated"): truncated = text.trimmingCharacters(in: .whitespaces) == "true"
        default: break
        }
        path.removeLast()
        text = ""
    }
}
