# Warnings are errors on every compiler we support (g++ 12, clang 14).
add_library(kvtier_warnings INTERFACE)
target_compile_options(kvtier_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wconversion -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  -Wmissing-declarations)
