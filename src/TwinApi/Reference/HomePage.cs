using UrbanTwin.TwinApi.OpenData;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// <c>GET /</c>: a small page of where to go (the API reference, the OpenAPI document, open data,
/// health), so a browser pointed at the node finds its way. Anonymous; it names nothing secret.
/// </summary>
public static class HomePage
{
    private const string Html = $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>UrbanTwin</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style>
        </head>
        <body>
        <h1>UrbanTwin</h1>
        <p>The live twins of this city's street assets: air-quality stations, footfall counters and bus-priority junctions.</p>
        <ul>
        <li><a href="/reference">API reference</a>: every route, with a key sent as <code>Authorization: Bearer &lt;key&gt;</code></li>
        <li><a href="/openapi/v1.json">OpenAPI document</a></li>
        <li><a href="{{OpenDataApi.Prefix}}/">Open data</a>: non-personal readings, anonymous, as GeoJSON and CSV</li>
        <li><a href="/health">Health</a> of this node and its dependencies</li>
        </ul>
        </body>
        </html>
        """;

    /// <remarks>
    /// A middleware, not an endpoint: a route at <c>/</c> would also match the asterisk-form
    /// <c>OPTIONS *</c> (no path) and answer it 405 as if <c>*</c> were this page.
    /// </remarks>
    public static IApplicationBuilder UseHomePage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Html, context.RequestAborted);
                return;
            }

            await next(context);
        });
}
