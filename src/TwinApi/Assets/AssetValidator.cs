using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// The rules for an asset: ids follow the device id rule (<see cref="DeviceId.Pattern"/>), a known
/// kind, a printable name, a position on Earth, and modest metadata. Pure: no grains, no I/O.
/// </summary>
public static class AssetValidator
{
    public const int MaxNameLength = 200;
    public const int MaxMetadataEntries = 32;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 256;

    public static AssetDraft? Validate(AssetRequest request, List<FieldError> errors, AssetDraft? existing = null)
    {
        var before = errors.Count;
        var id = existing?.Id ?? request.Id;
        if (existing is null && (id is null || !DeviceId.IsValid(id)))
        {
            errors.Add(new FieldError("id", $"must match {DeviceId.Pattern}"));
        }

        var kind = existing?.Kind ?? default;
        if (existing is null && (request.Kind is null || !DeviceKinds.TryParse(request.Kind, out kind)))
        {
            errors.Add(new FieldError("kind", $"must be one of {string.Join(", ", DeviceKinds.All.Select(k => k.ToSegment()))}"));
        }
        else if (existing is not null && request.Kind is not null && (!DeviceKinds.TryParse(request.Kind, out var other) || other != existing.Kind))
        {
            errors.Add(new FieldError("kind", $"an asset's kind cannot change (it is {existing.Kind.ToSegment()})"));
        }

        var deviceId = existing?.DeviceId ?? request.DeviceId ?? id;
        if (existing is null && request.DeviceId is not null && !DeviceId.IsValid(request.DeviceId))
        {
            errors.Add(new FieldError("deviceId", $"must match {DeviceId.Pattern}"));
        }
        else if (existing is not null && request.DeviceId is not null && request.DeviceId != existing.DeviceId)
        {
            errors.Add(new FieldError("deviceId", "an asset's device cannot change; decommission and register a new asset"));
        }

        var name = request.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add(new FieldError("name", $"must be 1 to {MaxNameLength} printable characters"));
        }

        double longitude = 0, latitude = 0;
        if (request.Location is not { Lon: { } lon, Lat: { } lat })
        {
            var missing = request.Location is null ? "" : request.Location.Lon is null ? " (lon is missing or not a number)" : " (lat is missing or not a number)";
            errors.Add(new FieldError("location", $"must be {{ \"lon\": ..., \"lat\": ... }} in WGS84 degrees{missing}"));
        }
        else
        {
            if (!double.IsFinite(lon) || lon is < -180 or > 180)
            {
                errors.Add(new FieldError("location.lon", "must be between -180 and 180"));
            }

            if (!double.IsFinite(lat) || lat is < -90 or > 90)
            {
                errors.Add(new FieldError("location.lat", "must be between -90 and 90"));
            }

            longitude = lon;
            latitude = lat;
        }

        var metadata = request.Metadata ?? new Dictionary<string, string>();
        if (metadata.Count > MaxMetadataEntries)
        {
            errors.Add(new FieldError("metadata", $"at most {MaxMetadataEntries} entries"));
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > MaxMetadataKeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                errors.Add(new FieldError("metadata", $"key '{Shorten(key)}' must be 1 to {MaxMetadataKeyLength} of A-Z a-z 0-9 _ - ."));
            }
            else if (value is null || value.Length > MaxMetadataValueLength || value.Any(char.IsControl))
            {
                errors.Add(new FieldError($"metadata.{key}", $"must be at most {MaxMetadataValueLength} printable characters"));
            }
        }

        return errors.Count > before
            ? null
            : new AssetDraft(id!, kind, name!.Trim(), longitude, latitude, deviceId!, new Dictionary<string, string>(metadata, StringComparer.Ordinal));
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
