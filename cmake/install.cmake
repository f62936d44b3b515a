# What `cmake --install` puts where, and the Debian package CPack makes of it.
# Every destination is relative (GNUInstallDirs), so `--prefix P` and DESTDIR
# both work; `cpack -G DEB` in a build directory packages the same files
# under /usr. Included from CMakeLists.txt after the rnnstep target.

# --version names the commit of a git checkout, read at every build
# (cmake/git_commit.cmake rewrites the header only when the commit changes).
find_package(Git QUIET)
set(RNNSTEP_COMMIT_HEADER ${PROJECT_BINARY_DIR}/include/rnnstep/commit.h)
add_custom_target(rnnstep_commit
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${RNNSTEP_COMMIT_HEADER}
    -DGIT_EXECUTABLE=${GIT_EXECUTABLE} -P ${PROJECT_SOURCE_DIR}/cmake/git_commit.cmake
  BYPRODUCTS ${RNNSTEP_COMMIT_HEADER}
  VERBATIM)
add_dependencies(rnnstep rnnstep_commit)

# Debian policy wants manual pages and documentation gzipped; -n keeps the
# name and time out of the header, so the same input gives the same bytes.
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/dist)
set(RNNSTEP_GZIPPED)
foreach(source docs/rnnstep.1 dist/debian/changelog README.md)
  get_filename_component(name ${source} NAME)
  set(gz ${PROJECT_BINARY_DIR}/dist/${name}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND sh -c "gzip -9n -c \"$1\" > \"$2\"" sh ${PROJECT_SOURCE_DIR}/${source} ${gz}
    DEPENDS ${PROJECT_SOURCE_DIR}/${source}
    VERBATIM)
  list(APPEND RNNSTEP_GZIPPED ${gz})
endforeach()
add_custom_target(rnnstep_gzipped ALL DEPENDS ${RNNSTEP_GZIPPED})

set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
  GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
install(TARGETS rnnstep RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_BINARY_DIR}/dist/rnnstep.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES dist/bash-completion/rnnstep
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES assets/examples/hello.json DESTINATION ${CMAKE_INSTALL_DATADIR}/rnnstep/examples)
install(FILES dist/debian/copyright ${PROJECT_BINARY_DIR}/dist/changelog.gz
  ${PROJECT_BINARY_DIR}/dist/README.md.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The shipped lessons: the whole directory, with whatever files it holds when
# installing. assets/ is a configure dependency, so once assets/lessons
# appears the next build configures again and the rule exists.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/assets)
if(EXISTS ${PROJECT_SOURCE_DIR}/assets/lessons)
  install(DIRECTORY assets/lessons DESTINATION ${CMAKE_INSTALL_DATADIR}/rnnstep)
endif()

# The Debian package (`cpack -G DEB`, or scripts/package.sh for a release
# build). Depends comes from the binary itself (dpkg-shlibdeps).
set(RNNSTEP_MAINTAINER "rnnstep maintainers <maintainers@users.noreply.b-seed-a575cd76.example>"
  CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rnnstep)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${RNNSTEP_MAINTAINER})
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# The synopsis is the project's DESCRIPTION; this is the extended text (no
# double quotes: CPack would turn them into semicolons).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "rnnstep trains a character-level vanilla RNN and shows every number as it is
computed: each forward timestep, each backpropagation-through-time step and
each parameter update, one keypress at a time, in a full-screen terminal
visualiser. It starts on a classic worked example (the text hello, hidden
size 1) and also trains on whole text files with truncated BPTT.

Batch mode prints the training as a table, CSV or JSON Lines, and a gradient
check compares BPTT with finite differences.")
include(CPack)
