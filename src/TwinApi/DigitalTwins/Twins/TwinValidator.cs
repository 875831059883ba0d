using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// Checks a twin's content against its model: each key a Property (of its schema) or a Component
/// (an object of its Interface's Properties, every Component present), nothing else; keys
/// starting with <c>$</c> are the envelope's, checked by whoever builds it.
/// </summary>
public static class TwinValidator
{
    public static List<string> Validate(JsonObject twin, ResolvedModel model, ModelSnapshot models)
    {
        var errors = new List<string>();
        CheckProperties(twin, model, models, errors, prefix: "", allowComponents: true);
        foreach (var content in model.Contents.Values)
        {
            if (content.Kind == DtdlContentKind.Component && twin[content.Name] is not JsonObject)
            {
                errors.Add($"the component '{content.Name}' is required (send at least \"{content.Name}\": {{\"$metadata\": {{}}}})");
            }
        }

        return errors;
    }

    private static void CheckProperties(JsonObject owner, ResolvedModel model, ModelSnapshot models, List<string> errors, string prefix, bool allowComponents)
    {
        foreach (var (name, value) in owner)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            var path = prefix + name;
            if (!model.Contents.TryGetValue(name, out var content))
            {
                errors.Add($"{path}: {model.Id} has no property or component of this name");
                continue;
            }

            switch (content.Kind)
            {
                case DtdlContentKind.Property:
                    SchemaValues.Check(value, content.Schema, path, errors);
                    break;
                case DtdlContentKind.Component when allowComponents && content.Schema is DtdlSchema.Interface component:
                    if (value is not JsonObject componentValue)
                    {
                        errors.Add($"{path}: a component is an object");
                    }
                    else if (models.Resolve(component.Id) is { } componentModel)
                    {
                        CheckProperties(componentValue, componentModel, models, errors, path + ".", allowComponents: false);
                    }

                    break;
                default:
                    errors.Add($"{path}: a {content.Kind} of {model.Id}, not a property a twin holds");
                    break;
            }
        }
    }
}
