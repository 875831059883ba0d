namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// Who may see a field. The open-data path publishes <see cref="Open"/> fields only, mechanically
/// from this classification; <see cref="Personal"/> fields are never published or used as tags.
/// </summary>
public enum FieldClassification
{
    Open = 1,
    Internal = 2,
    Personal = 3,
}
