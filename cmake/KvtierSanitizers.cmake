# KVTIER_SANITIZE=address,undefined builds everything with those sanitizers (clang or gcc).
set(KVTIER_SANITIZE "" CACHE STRING "Comma-separated sanitizers, e.g. address,undefined")
if(KVTIER_SANITIZE)
  add_compile_options(-fsanitize=${KVTIER_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${KVTIER_SANITIZE})
endif()
