using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace UrbanTwin.ServiceDefaults;

/// <summary>
/// Sections a host's set-up itself reads, before its options pipeline exists (ports to listen on,
/// where the database is). Validated there as <c>ValidateDataAnnotations</c> would at start, so a
/// wrong value stops the host with the same message naming the key instead of an exception from
/// whatever used it first (a null connection string, an unparsable address, an empty path).
/// </summary>
public static class SetUpConfiguration
{
    /// <exception cref="OptionsValidationException">A value of the section is out of range.</exception>
    public static T GetValidated<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T), [.. results.Select(r => r.ErrorMessage ?? $"{section} is not valid.")]);
        }

        return options;
    }
}
