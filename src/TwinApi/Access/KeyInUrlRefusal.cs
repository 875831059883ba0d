using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// Refuses any request whose query carries an API key (a value shaped as one, or a parameter
/// named <c>access_token</c>, <c>api_key</c> or <c>apikey</c>): URLs end up in server and proxy
/// logs and browser histories. The key is never read, let alone accepted; the caller is told to
/// send it as <c>Authorization: Bearer</c> and to revoke the one it exposed.
/// </summary>
public static class KeyInUrlRefusal
{
    private static readonly string[] KeyParameters = ["access_token", "api_key", "apikey"];

    public static IApplicationBuilder UseKeyInUrlRefusal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.HasValue && CarriesKey(context.Request.Query))
            {
                await ApiProblems.KeyInUrl.Result("API keys go in the 'Authorization: Bearer <key>' header, never in a URL, where logs keep them: revoke the key sent here").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool CarriesKey(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (KeyParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (var value in values)
            {
                if (value is not null && ApiKeySecrets.TryReadKeyId(value.Trim(), out _))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
