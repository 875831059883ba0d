namespace UrbanTwin.TwinApi;

/// <summary>Where the HTTP API listens when the operator has not said.</summary>
public static class DefaultUrls
{
    /// <summary>Loopback only: a node is exposed on purpose (behind a TLS-terminating proxy), never by default.</summary>
    public const string Value = "http://127.0.0.1:8080";

    /// <summary>
    /// Listens on <see cref="Value"/> unless an address is configured: <c>Urls</c> in any source
    /// (appsettings.json, <c>--Urls</c>, the <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c> or <c>URLS</c>
    /// environment variable), <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (also with those prefixes), or
    /// <c>Kestrel:Endpoints</c>. The default is applied in code rather than shipped in
    /// appsettings.json because appsettings.json outranks the <c>ASPNETCORE_</c> environment
    /// variables: a shipped <c>Urls</c> silently won over <c>ASPNETCORE_URLS</c>.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured =
            !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(Value);
        }

        return builder;
    }
}
