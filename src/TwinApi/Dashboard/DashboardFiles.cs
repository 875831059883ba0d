using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace UrbanTwin.TwinApi.Dashboard;

/// <summary>
/// The operations dashboard: <c>GET /</c> is its page, <c>/app/…</c> its bundled script, styles
/// and map data, all from the <c>dashboard</c> folder the build puts beside the host (bundled
/// from <c>src/Dashboard</c> with esbuild). Anonymous: the page holds no data; it signs in with an
/// API key and calls the API like any client. Served with <see cref="DashboardSecurityHeaders"/>.
/// </summary>
public static class DashboardFiles
{
    public const string AssetPath = "/app";

    /// <remarks>
    /// The page is answered by a middleware, not an endpoint: a route at <c>/</c> would also match
    /// the asterisk-form <c>OPTIONS *</c> (no path) and answer it 405 as if <c>*</c> were this page.
    /// </remarks>
    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "dashboard");
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            throw new InvalidOperationException($"the dashboard is missing from {folder}: build the host (dotnet build src/TwinApi) to bundle it");
        }

        var files = new PhysicalFileProvider(folder);
        var page = files.GetFileInfo("index.html");
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                DashboardSecurityHeaders.Apply(context.Response);
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength = page.Length;
                if (HttpMethods.IsGet(context.Request.Method))
                {
                    await context.Response.SendFileAsync(page, context.RequestAborted);
                }

                return;
            }

            await next(context);
        });

        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = AssetPath,
            ContentTypeProvider = types,
            OnPrepareResponse = file => DashboardSecurityHeaders.Apply(file.Context.Response),
        });
    }
}
