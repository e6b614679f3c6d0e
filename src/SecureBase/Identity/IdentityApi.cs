using SecureBase.Common;

namespace SecureBase.Identity;

public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", (CurrentUser user) => new MeDto(
                user.UserId,
                user.UserName,
                user.DisplayName,
                new SchoolRefDto(user.SchoolId, user.SchoolName),
                user.Roles.Order().Select(r => new RoleDto(r, RoleInfo.Of(r).Name)).ToList(),
                user.HasSecondFactor,
                Enum.GetValues<SchoolAction>().Where(user.Can).ToList()))
            .Permits(SchoolAction.ManageOwnAccount)
            .WithName("GetMe")
            .WithSummary("The signed-in user, their school, their roles there and what those roles allow");

        api.MapGet("/roles", () => RoleInfo.All.Select(r => new RoleDefinitionDto(
                r.Role,
                r.Name,
                r.Who,
                r.RequiresTwoFactor,
                PolicyTable.Grants.Where(g => g.Role == r.Role).Select(g => new GrantDto(g.Action, g.Scope.ToString())).ToList())).ToList())
            .Permits(SchoolAction.ViewRoleCatalogue)
            .WithName("GetRoles")
            .WithSummary("The roles a user can hold and, from the policy table, what each may do");
        return api;
    }
}

public sealed record SchoolRefDto(SchoolId Id, string Name);

public sealed record RoleDto(Role Role, string Name);

public sealed record MeDto(Guid UserId, string UserName, string DisplayName, SchoolRefDto School, IReadOnlyList<RoleDto> Roles, bool SignedInWithSecondFactor, IReadOnlyList<SchoolAction> Permitted);

public sealed record GrantDto(SchoolAction Action, string Scope);

public sealed record RoleDefinitionDto(Role Role, string Name, string Who, bool RequiresTwoFactor, IReadOnlyList<GrantDto> Grants);
