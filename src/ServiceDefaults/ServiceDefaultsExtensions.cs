using Microsoft.Extensions.DependencyInjection;

namespace UrbanTwin.ServiceDefaults;

/// <summary>The ServiceDefaults project's front door.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Binds and validates the options every host shares (idempotent).</summary>
    public static IServiceCollection AddUrbanTwinDefaults(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        return services;
    }
}
