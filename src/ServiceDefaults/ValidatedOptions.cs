using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace UrbanTwin.ServiceDefaults;

/// <summary>
/// Options bound from their configuration section and checked against their data annotations when
/// the host starts, so that a wrong value stops it with a message naming the key instead of failing
/// at first use. Sections read while the host is still being set up use
/// <see cref="SetUpConfiguration.GetValidated{T}"/> as well.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
