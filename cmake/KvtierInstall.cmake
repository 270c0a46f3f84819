# `cmake --install`: the kvtier binary, the library with its public headers, a CMake
# package (find_package(kvtier), target kvtier::kvtier) and a pkg-config file (kvtier.pc).
# The library is static: both carry what it links against, and the package finds those
# Debian packages again on the consumer's side.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(kvtier PROPERTIES EXPORT_NAME kvtier)
target_include_directories(kvtier PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
install(TARGETS kvtier EXPORT kvtierTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/kvtier DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES "${CMAKE_BINARY_DIR}/generated/kvtier/version.h" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/kvtier)
install(TARGETS kvtier_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/kvtier)
install(EXPORT kvtierTargets NAMESPACE kvtier:: DESTINATION ${config_dir})
configure_package_config_file(cmake/kvtierConfig.cmake.in "${CMAKE_BINARY_DIR}/kvtierConfig.cmake"
                              INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file("${CMAKE_BINARY_DIR}/kvtierConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_BINARY_DIR}/kvtierConfig.cmake" "${CMAKE_BINARY_DIR}/kvtierConfigVersion.cmake"
        DESTINATION ${config_dir})

configure_file(cmake/kvtier.pc.in "${CMAKE_BINARY_DIR}/kvtier.pc" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/kvtier.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
