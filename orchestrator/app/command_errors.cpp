#include "orchestrator/app/command_errors.h"

#include <exception>

#include "orchestrator/app/commands.h"
#include "orchestrator/run/sweep_opening.h"
#include "orchestrator/spec/sweep_spec.h"
#include "results/queries.h"
#include "results/result_store.h"

namespace orchestrator::cli {

int run_guarded(const std::string& command, std::ostream& err, const std::function<int()>& body) {
  try {
    return body();
  } catch (const SpecError& error) {
    err << "sweep: refused: " << error.what() << "\n";
    return kUsage;
  } catch (const SweepConflict& error) {
    err << "sweep: refused: " << error.what() << "\n";
    return kUsage;
  } catch (const results::NotFoundError& error) {
    err << command << ": " << error.what() << "\n";
    return kNotFound;
  } catch (const results::StoreError& error) {
    err << command << ": " << error.what() << "\n";
    return kDatabase;
  } catch (const std::exception& error) {
    err << command << ": " << error.what() << "\n";
    return kFailure;
  }
}

}  // namespace orchestrator::cli
