namespace UrbanTwin.TwinApi.Areas;

/// <summary>Area ids: 1–64 of <c>A–Z a–z 0–9 _ . : -</c>, starting with a letter or digit (ONS codes fit).</summary>
public static class AreaId
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$";

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
