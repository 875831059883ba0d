namespace UrbanTwin.Contracts.Topics;

/// <summary>
/// The device id rule of contract v1: <c>^[a-z0-9][a-z0-9-]{2,63}$</c>. Ids are topic levels and
/// MQTT usernames, so anything that could change a topic's meaning (<c>/ + #</c>), a line-protocol
/// tag (<c>, = space</c>) or compare differently after normalisation (non-ASCII) is excluded.
/// </summary>
public static class DeviceId
{
    public const int MinLength = 3;
    public const int MaxLength = 64;
    public const string Pattern = "^[a-z0-9][a-z0-9-]{2,63}$";

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length is < MinLength or > MaxLength || id[0] == '-')
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
