using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.Loader;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// Every options class bound from configuration (a class with a <c>Section</c> constant) names the
/// key in each of its validation messages: an operator sets <c>Orleans:SiloPort</c>, not
/// <c>SiloPort</c>. The built host's assemblies are read in a load context of their own.
/// </summary>
public sealed class OptionsMessageTests
{
    [Fact]
    public void Every_validation_attribute_of_every_options_class_names_its_key()
    {
        var optionsTypes = OptionsTypes();
        var unnamed = new List<string>();
        foreach (var type in optionsTypes)
        {
            var section = (string)type.GetField("Section")!.GetRawConstantValue()!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
                {
                    var key = section + ":" + property.Name;
                    if (attribute.ErrorMessage is not { } message || !message.StartsWith(key + " ", StringComparison.Ordinal))
                    {
                        unnamed.Add($"{type.Name}.{property.Name} [{attribute.GetType().Name}]: '{attribute.ErrorMessage}' does not start with {key}");
                    }
                }
            }
        }

        Assert.Contains(optionsTypes, t => t.Name == "SiloOptions");
        Assert.Contains(optionsTypes, t => t.Name == "StorageOptions");
        Assert.Contains(optionsTypes, t => t.Name == "OpenDataOptions");
        Assert.Contains(optionsTypes, t => t.Name == "SimulatorOptions");
        Assert.Empty(unnamed);
    }

    private static List<Type> OptionsTypes()
    {
        var directory = TwinHost.HostDirectory;
        var context = new AssemblyLoadContext("host options");
        context.Resolving += (loading, name) => File.Exists(Path.Combine(directory, name.Name + ".dll")) ? loading.LoadFromAssemblyPath(Path.Combine(directory, name.Name + ".dll")) : null;
        var types = new List<Type>();
        foreach (var file in Directory.EnumerateFiles(directory, "UrbanTwin.*.dll"))
        {
            types.AddRange(LoadableTypes(context.LoadFromAssemblyPath(file))
                .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true }));
        }

        return types;
    }

    /// <summary>The types that load without ASP.NET Core (which this test process does not carry); options classes need none of it.</summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partly)
        {
            return partly.Types.OfType<Type>();
        }
    }
}
