using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecureBase.Identity.Admin;

/// <summary>Reads role checkboxes, refusing anything that is not a role.</summary>
internal static class RoleInput
{
    public static IReadOnlyCollection<Role> Parse(IEnumerable<string>? values, ModelStateDictionary modelState, string field)
    {
        var roles = new HashSet<Role>();
        foreach (var v in values ?? [])
        {
            if (Enum.TryParse<Role>(v, ignoreCase: false, out var role) && Enum.IsDefined(role) && !int.TryParse(v, out _))
            {
                roles.Add(role);
            }
            else
            {
                modelState.AddModelError(field, "Choose roles from the list");
                return [];
            }
        }

        return roles;
    }
}
