using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<SituationAnalysis> SituationAnalyses => Set<SituationAnalysis>();
    public DbSet<CycleGoal> CycleGoals => Set<CycleGoal>();
    public DbSet<CycleCheck> CycleChecks => Set<CycleCheck>();
    public DbSet<TermlyReview> TermlyReviews => Set<TermlyReview>();
}
