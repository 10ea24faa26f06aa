import Hummingbird

/// The responses the server sends, with the headers each kind needs.
enum WebResponse {
    /// Pages may load only the server's own styles, script, pictures and the
    /// completion route: no inline code, no other site.
    static let pagePolicy = "default-src 'none'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = common(contentType: "text/html; charset=utf-8")
        headers[.contentSecurityPolicy] = pagePolicy
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A message for people and scripts alike: every refused request gets one.
    static func text(_ text: String, status: HTTPResponse.Status, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: common(contentType: contentType),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")))
    }

    static func bytes(_ bytes: [UInt8], contentType: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = common(contentType: contentType)
        headers.append(contentsOf: extra)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A picture that stays the same for as long as the space does: cached for a day,
    /// and answered with 304 when the browser already has this version.
    static func picture(_ bytes: [UInt8], contentType: String, eTag: String, request: Request) -> Response {
        var headers: HTTPFields = [.cacheControl: "public, max-age=86400", .eTag: eTag]
        // An SVG file can hold script; shown on its own it runs none and loads nothing.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        if request.headers[values: .ifNoneMatch].contains(where: { $0 == eTag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        return self.bytes(bytes, contentType: contentType, headers: headers)
    }

    static func attachment(_ text: String, contentType: String, fileName: String, policy: String? = nil) -> Response {
        var headers = common(contentType: contentType)
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        if let policy { headers[.contentSecurityPolicy] = policy }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private static func common(contentType: String) -> HTTPFields {
        var headers: HTTPFields = [.contentType: contentType]
        headers[HTTPFields.Element.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "no-referrer"
        return headers
    }
}

/// Turns whatever a route or the router throws (an unknown address, a body past
/// its limit) into a response with a message, never a dropped connection.
struct RefusalMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound ? "no such page: \(request.uri.path)" : "\(error.status.code) \(error.status.reasonPhrase)"
            return WebResponse.text(message, status: error.status)
        } catch {
            return WebResponse.text("internal error: \(error)", status: .internalServerError)
        }
    }
}
