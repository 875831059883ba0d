namespace UrbanTwin.TwinApi.Dashboard;

/// <summary>
/// The headers every dashboard file is served with: a strict Content-Security-Policy (scripts,
/// styles, images and connections from this node only; no inline script or style, no plug-ins,
/// no framing, no outside origin), no MIME sniffing, no referrer, and a fresh check of each file.
/// </summary>
public static class DashboardSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-cache";
    }
}
