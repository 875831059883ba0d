using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace UrbanTwin.ServiceDefaults.Problems;

/// <summary>
/// Errors leave as problem details, and a server error's never carries exception text: whatever
/// the host's own customisation (its catalogue of problem types, its details) wrote, a 5xx answer's
/// detail is <see cref="ServerErrorDetail"/>; the log has the exception.
/// </summary>
public static class ProblemDetailsDefaults
{
    /// <summary>The detail of every 5xx answer.</summary>
    public const string ServerErrorDetail = "The failure was logged; the request can be retried.";

    public static IServiceCollection AddDefaultProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();

        // After every Configure, so after the host's customisation, whenever the host registers it.
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (context.ProblemDetails.Status >= 500)
                {
                    context.ProblemDetails.Detail = ServerErrorDetail;
                }
            };
        });
        return services;
    }
}
