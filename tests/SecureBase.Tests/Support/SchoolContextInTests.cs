namespace SecureBase.Data;

/// <summary>
/// Test schools are all kept in the UK's time zone (<see cref="Schools.School.DefaultTimeZone"/>, as
/// <see cref="Tests.Support.TestSchool"/> creates them), so tests enter them without naming it.
/// </summary>
internal static class SchoolContextInTests
{
    public static void Switch(this SchoolContext context, Common.SchoolId school) => context.Switch(school, Schools.School.DefaultTimeZone);

    public static void Enter(this SchoolContext context, Common.SchoolId school) => context.Enter(school, Schools.School.DefaultTimeZone);
}
