// winnow/version.h: the library's version, as printed by `winnow --version`.
#pragma once

#include <string_view>

namespace winnow {

// The release version, "MAJOR.MINOR.PATCH".
std::string_view version();

}  // namespace winnow
