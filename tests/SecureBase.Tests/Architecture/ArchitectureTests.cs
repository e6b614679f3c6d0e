using System.Reflection;
using System.Reflection.Emit;
using SecureBase.Scheduling;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Architecture;

/// <summary>The shape CONVENTIONS.md asks for, checked on the compiled code.</summary>
public sealed class ArchitectureTests
{
    /// <summary>Folders that wire modules together and may use any module's internals.</summary>
    private static readonly HashSet<string> CompositionRoot = ["Data", "Web", "Cli", "Common", "Program", "<root>"];

    [Fact]
    public void TheSchedulingLibrary_ReferencesNeitherEfCoreNorAspNetNorTheApplication()
    {
        var references = typeof(SchedulingLibrary).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.ShouldNotContain(r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        references.ShouldNotContain(r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        references.ShouldNotContain(r => r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
        references.ShouldNotContain("SecureBase");
    }

    [Fact]
    public void NoModule_UsesAnotherModulesInternalTypes()
    {
        var app = typeof(Program).Assembly;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in app.GetTypes())
        {
            var from = ModuleOf(type);
            foreach (var used in TypesUsedBy(type))
            {
                if (used.Assembly != app || IsVisibleOutsideAssembly(used))
                {
                    continue;
                }

                var to = ModuleOf(used);
                if (from != to && !CompositionRoot.Contains(from) && !CompositionRoot.Contains(to))
                {
                    violations.Add($"{from} ({Outer(type).Name}) uses {to}'s internal {Outer(used).Name}");
                }
            }
        }

        violations.ShouldBeEmpty("make the type public as the module's entry point, or move the code into its module");
    }

    [Fact]
    public void ModuleEntryPoints_AreAddXAndMapX_AndTheRestIsInternalOrSealed()
    {
        var unsealed = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: false } && !t.IsNested && t.Namespace?.StartsWith("SecureBase", StringComparison.Ordinal) == true
                        && !t.Name.Contains('<', StringComparison.Ordinal) && t != typeof(Program))
            .Select(t => t.FullName)
            .ToList();
        unsealed.ShouldBeEmpty("classes are sealed unless designed for inheritance");
    }

    /// <summary>
    /// A module's types are internal unless another module truly needs them. Public types that only
    /// their own module uses are listed in PublicButModulePrivate.txt, the debt recorded when this rule
    /// arrived: the list may only shrink. A new public type nobody else uses fails here.
    /// </summary>
    [Fact]
    public void PublicTypes_AreOnlyThoseAnotherModuleUses_BeyondTheRecordedDebt()
    {
        var app = typeof(Program).Assembly;
        var usedOutside = new HashSet<Type>();
        foreach (var type in app.GetTypes())
        {
            var from = ModuleOf(type);
            foreach (var used in TypesUsedBy(type).Where(u => u.Assembly == app))
            {
                if (ModuleOf(used) != from)
                {
                    usedOutside.Add(Outer(used));
                }
            }
        }

        var moduleOnly = app.GetTypes()
            .Where(t => t is { IsPublic: true, IsNested: false } && t.Namespace?.StartsWith("SecureBase", StringComparison.Ordinal) == true)
            .Where(t => !CompositionRoot.Contains(ModuleOf(t)) && !usedOutside.Contains(t) && !MustBePublic(t))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        var path = Path.Combine(Repository.Root, "tests", "SecureBase.Tests", "Architecture", "PublicButModulePrivate.txt");
        if (Environment.GetEnvironmentVariable("SECUREBASE_UPDATE_DOCS") == "1")
        {
            File.WriteAllLines(path, ["# Public types used only inside their own module: make each internal when its module is next changed. This list may only shrink.", .. moduleOnly]);
        }

        var recorded = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        moduleOnly.Where(t => !recorded.Contains(t)).ShouldBeEmpty("these public types are used only inside their own module: make them internal");
        recorded.Where(t => !moduleOnly.Contains(t)).ShouldBeEmpty("these types are internal now or used by another module: take them off PublicButModulePrivate.txt");
    }

    /// <summary>
    /// Typed ids for every entity: an entity whose key is a bare Guid can be handed another entity's id
    /// without the compiler noticing. Entities still keyed by a Guid are listed in EntitiesWithUntypedIds.txt,
    /// the debt recorded when this rule arrived: the list may only shrink, and a new entity needs a typed id.
    /// </summary>
    [Fact]
    public void EveryEntity_IsKeyedByATypedId_BeyondTheRecordedDebt()
    {
        var entities = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<>))
            .Select(i => i.GetGenericArguments()[0])
            .Append(typeof(SecureBase.Identity.AppUser))
            .Distinct();
        var untyped = entities
            .Where(e => e.GetProperty("Id")?.PropertyType is { } key && !key.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(SecureBase.Common.IEntityId<>)))
            .Select(e => e.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        var path = Path.Combine(Repository.Root, "tests", "SecureBase.Tests", "Architecture", "EntitiesWithUntypedIds.txt");
        if (Environment.GetEnvironmentVariable("SECUREBASE_UPDATE_DOCS") == "1")
        {
            File.WriteAllLines(path, ["# Entities still keyed by a bare Guid (or number): give each a typed id when its module is next changed. This list may only shrink.", .. untyped]);
        }

        var recorded = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        untyped.Where(t => !recorded.Contains(t)).ShouldBeEmpty("these entities need a typed id (see Common/Ids.cs)");
        recorded.Where(t => !untyped.Contains(t)).ShouldBeEmpty("these entities have a typed id now: take them off EntitiesWithUntypedIds.txt");
    }

    [Fact]
    public void EveryPage_IsOneFilePairNamedAfterIt_WithOnePageModel()
    {
        var source = Path.Combine(Repository.Root, "src", "SecureBase");
        var problems = new List<string>();
        foreach (var view in Directory.EnumerateFiles(source, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(view);
            var model = System.Text.RegularExpressions.Regex.Match(text, @"^@model\s+([\w.]+)", System.Text.RegularExpressions.RegexOptions.Multiline);
            if (!text.TrimStart().StartsWith("@page", StringComparison.Ordinal) || !model.Success)
            {
                continue;
            }

            var relative = Path.GetRelativePath(source, view);
            var code = view + ".cs";
            var name = model.Groups[1].Value.Split('.')[^1];
            if (!File.Exists(code))
            {
                problems.Add($"{relative} has no {Path.GetFileName(code)} beside it");
                continue;
            }

            var pageModels = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(code), @"class\s+(\w+Model)\b[^{;]*:");
            if (pageModels.Count != 1 || pageModels[0].Groups[1].Value != name)
            {
                problems.Add($"{Path.GetFileName(code)} should declare exactly the page model {name}, and declares [{string.Join(", ", pageModels.Select(m => m.Groups[1].Value))}]");
            }
        }

        problems.ShouldBeEmpty("CONVENTIONS: one page, one file pair named after it");
    }

    [Fact]
    public void TheSchoolsClock_IsTheOneWayToAskForTodayOrNow()
    {
        // "Today" and "now" come from SchoolClock (the school's own time zone, known from the request's school); only
        // the Schools module makes clocks, and the school context keeps the one it entered with.
        var source = Path.Combine(Repository.Root, "src", "SecureBase");
        var forbidden = new System.Text.RegularExpressions.Regex(
            @"SchoolTime\.London|new SchoolTime\(|\.Time\.(Today|LocalNow)\(|DateTime\.(Now|Today|UtcNow)\b|DateTimeOffset\.(Now|UtcNow)\b|TimeZoneInfo\.(Local|FindSystemTimeZoneById)\b|\.ToLocalTime\(");
        var allowed = new[] { Path.Combine("Schools", ""), Path.Combine("Data", "ISchoolOwned.cs") };
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.cs*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)
                || allowed.Any(a => relative.StartsWith(a, StringComparison.Ordinal)) || !(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (forbidden.Match(lines[i]) is { Success: true } m)
                {
                    problems.Add($"{relative}:{i + 1} uses {m.Value}: ask SchoolClock (Today, LocalNow, ToLocal, ToUtc) instead");
                }
            }
        }

        problems.ShouldBeEmpty("one way to get \"today\" in the school's own time zone");
    }

    /// <summary>Types the framework finds by reflection, a module's entry point, and typed ids.</summary>
    private static bool MustBePublic(Type t) =>
        typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t)
        || typeof(Microsoft.AspNetCore.Mvc.ViewComponent).IsAssignableFrom(t)
        || (t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Module", StringComparison.Ordinal))
        // A typed id is as public as the entity it keys (a public entity's Id cannot be of an internal type).
        || t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(SecureBase.Common.IEntityId<>));

    private static string ModuleOf(Type type)
    {
        var outer = Outer(type);
        if (outer.Namespace == "AspNetCoreGeneratedDocument")
        {
            // Razor views are named after their file: Identity_Admin_Users.
            var first = outer.Name.Split('_')[0];
            return first.Length == 0 ? "<root>" : first;
        }

        var parts = (outer.Namespace ?? "").Split('.');
        return parts.Length >= 2 && parts[0] == "SecureBase" ? parts[1] : outer == typeof(Program) ? "Program" : "<root>";
    }

    private static Type Outer(Type t)
    {
        while (t.DeclaringType is not null)
        {
            t = t.DeclaringType;
        }

        return t;
    }

    private static bool IsVisibleOutsideAssembly(Type t)
    {
        for (var x = t; x is not null; x = x.DeclaringType)
        {
            if (!(x.IsPublic || x.IsNestedPublic))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Add(a);
                }

                Add(t.GetGenericTypeDefinition());
                return;
            }

            if (!t.IsGenericParameter)
            {
                found.Add(t);
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var f in type.GetFields(all))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(all))
        {
            Add(p.PropertyType);
        }

        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            foreach (var used in Il.ReferencedMembers(m))
            {
                Add(used as Type ?? used.DeclaringType);

                // A member named in a query (e.Status == EpisodeStatus.Open) uses its type too.
                switch (used)
                {
                    case MethodInfo called:
                        Add(called.ReturnType);
                        break;
                    case FieldInfo field:
                        Add(field.FieldType);
                        break;
                }
            }
        }

        return found;
    }

    /// <summary>Reads a method's IL and resolves the types and members its instructions name.</summary>
    private static class Il
    {
        private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        public static IEnumerable<MemberInfo> ReferencedMembers(MethodBase method)
        {
            byte[]? il;
            try
            {
                il = method.GetMethodBody()?.GetILAsByteArray();
            }
            catch (InvalidOperationException)
            {
                yield break;
            }

            if (il is null)
            {
                yield break;
            }

            var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i++];
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[i++]);
                }

                var op = Codes[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                        var token = BitConverter.ToInt32(il, i);
                        MemberInfo? member = null;
                        try
                        {
                            member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                        }
                        catch (ArgumentException)
                        {
                        }

                        if (member is not null)
                        {
                            yield return member;
                        }

                        i += 4;
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        i += 1;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        i += 8;
                        break;
                    case OperandType.InlineSwitch:
                        var n = BitConverter.ToInt32(il, i);
                        i += 4 + (n * 4);
                        break;
                    default:
                        i += 4;
                        break;
                }
            }
        }
    }
}
